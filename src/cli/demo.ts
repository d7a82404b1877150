import type { Config } from '../config.js';
import type { Io } from './main.js';

export async function demoCommand(_config: Config, io: Io, _options: { tenant?: string; cases?: string }): Promise<number> {
  io.err('demo: not built yet');
  return 1;
}
