import type { ResolvedWarningsOptions } from './options.js'

/** The console methods the `console` option routes to the capture. */
export function consoleMethods(options: Pick<ResolvedWarningsOptions, 'console'>): Array<'warn' | 'error'> {
  return options.console === 'off' ? [] : options.console === 'warn' ? ['warn'] : ['warn', 'error']
}
