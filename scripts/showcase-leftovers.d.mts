/** Processes of the jobs app still running in `project` (its folder), as "pid command line". */
export declare function jobsAppProcessesIn(project: string): string[]
