// Every write under a .steadfast folder fails as on a full disk, in every process of the run.
const fs = require('node:fs')
const inRunDir = (p) => typeof p === 'string' && /[\\/]\.steadfast([\\/]|$)/.test(p)
const enospc = (p) =>
  Object.assign(new Error(`ENOSPC: no space left on device, write '${p}'`), {
    code: 'ENOSPC',
    errno: -28,
    syscall: 'write',
    path: p,
  })
for (const name of ['writeFileSync', 'appendFileSync', 'openSync', 'renameSync', 'mkdirSync']) {
  const real = fs[name]
  fs[name] = function (p, ...rest) {
    if (name === 'openSync' && !/[wa+]/.test(String(rest[0] ?? 'r'))) return real.call(this, p, ...rest)
    if (name === 'mkdirSync') return real.call(this, p, ...rest)
    if (inRunDir(name === 'renameSync' ? rest[0] : p)) throw enospc(p)
    return real.call(this, p, ...rest)
  }
}
