import { accessSync, constants, statSync } from 'node:fs'
import { delimiter, isAbsolute, join, resolve } from 'node:path'

/**
 * Whether `command` names an executable, found the way spawn will look for it: a path (with a
 * slash) from `cwd`, else each folder of `path`. Returns true, or why not, with the fix.
 */
export function findExecutable(command: string, cwd: string, path: string): true | string {
  if (command.includes('/')) {
    const file = isAbsolute(command) ? command : resolve(cwd, command)
    return executable(file)
      ? true
      : `${JSON.stringify(command)} is not an executable file (looked at ${file}); fix the path, or make it executable (chmod +x)`
  }
  for (const dir of path.split(delimiter)) {
    if (dir && executable(join(dir, command))) return true
  }
  return `${JSON.stringify(command)} was not found on PATH; install it, or give its full path (PATH is ${JSON.stringify(path.length > 120 ? `${path.slice(0, 117)}...` : path)})`
}

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK)
    return statSync(file).isFile()
  } catch {
    return false
  }
}
