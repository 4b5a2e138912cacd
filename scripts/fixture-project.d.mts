/** This repository's root folder. */
export declare const REPO_ROOT: string
/** Every package under packages/, by name, with its folder. */
export declare const WORKSPACE_PACKAGES: Record<string, string>
/** Installs every workspace package into `dir`/node_modules, and links `links` (name → folder). */
export declare function installWorkspacePackages(dir: string, links?: Record<string, string>): Promise<void>
/** The environment of a runner process: none of an outer runner's variables, no colours. */
export declare function runnerEnv(extra?: Record<string, string>): NodeJS.ProcessEnv
