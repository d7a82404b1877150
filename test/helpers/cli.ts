import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';

const bin = new URL('../../bin/paydesk.mjs', import.meta.url).pathname;

export type CliResult = { code: number | null; stdout: string; stderr: string };

/** Runs `paydesk <args>` as a real child process. */
export async function runCli(args: string[], env: Record<string, string>): Promise<CliResult> {
  const child = spawn(process.execPath, [bin, ...args], { env: { ...process.env, PAYDESK_LOG_LEVEL: 'silent', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout, stderr };
}

export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

export type Served = { child: ChildProcess; baseUrl: string; stdout: () => string; exited: Promise<number | null> };

/** Starts `paydesk serve` and resolves once it says it is listening. */
export async function startServe(env: Record<string, string>): Promise<Served> {
  const port = await freePort();
  const child = spawn(process.execPath, [bin, 'serve'], { env: { ...process.env, PAYDESK_LOG_LEVEL: 'silent', PAYDESK_PORT: String(port), PAYDESK_HOST: '127.0.0.1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  await new Promise<void>((resolve, reject) => {
    // First start migrates, seeds the starter articles and trains the classifier: give a loaded machine time,
    // and never leave a server behind when it does not make it.
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`serve did not start: ${stdout}${stderr}`));
    }, 90_000);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes('listening on')) {
        clearTimeout(timer);
        resolve();
      }
    });
    void exited.then((code) => reject(new Error(`serve exited with ${code}: ${stdout}${stderr}`)));
  });
  return { child, baseUrl: `http://127.0.0.1:${port}`, stdout: () => stdout, exited };
}
