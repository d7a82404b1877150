import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';

export type ImapPeer = {
  host: string;
  port: number;
  user: string;
  password: string;
  /** Puts a raw message into the user's INBOX (as a mail server's delivery would); returns its UID. */
  append(raw: string | Buffer): Promise<number | undefined>;
  /** UIDVALIDITY of the INBOX right now. */
  uidValidity(): Promise<number>;
  close(): Promise<void>;
};

function dovecotBinary(): string {
  for (const candidate of ['/usr/sbin/dovecot', '/usr/local/sbin/dovecot']) if (existsSync(candidate)) return candidate;
  return 'dovecot';
}

/** An unprivileged account for Dovecot's processes when the tests run as root (as in CI). */
function systemUser(): { name: string; uid: number; gid: number } {
  for (const name of ['dovenull', 'nobody']) {
    try {
      const [, , uid, gid] = execFileSync('getent', ['passwd', name], { encoding: 'utf8' }).trim().split(':');
      if (uid && gid) return { name, uid: Number(uid), gid: Number(gid) };
    } catch {
      // try the next one
    }
  }
  throw new Error('no unprivileged user (dovenull or nobody) to run dovecot as');
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Resolves once the server greets with "* OK" on the port. */
function greets(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString('latin1');
      if (text.includes('\n')) done(text.startsWith('* OK'));
    });
    socket.on('error', () => done(false));
  });
}

/**
 * A real Dovecot IMAP server on a random loopback port, configured in a temp dir: plaintext auth
 * (no TLS on loopback), one generated user in a passwd-file, Maildir storage. Throws (the test then
 * fails, never skips) when Dovecot is missing or does not start.
 */
export async function startImapPeer(): Promise<ImapPeer> {
  const dir = mkdtempSync(join(tmpdir(), 'paydesk-imap-'));
  const port = await freePort();
  const user = `customer${randomBytes(3).toString('hex')}`;
  const password = randomBytes(12).toString('hex');
  const me = userInfo();
  // Dovecot refuses to run its login and mail processes as root: as root, they run as an unprivileged system user.
  const service = me.uid === 0 ? systemUser() : { name: me.username, uid: me.uid, gid: me.gid };
  chmodSync(dir, 0o755);
  const mailDir = join(dir, 'mail');
  mkdirSync(mailDir);
  mkdirSync(join(dir, 'run'));
  mkdirSync(join(dir, 'state'));
  if (me.uid === 0) chownSync(mailDir, service.uid, service.gid);
  writeFileSync(join(dir, 'users'), `${user}:{PLAIN}${password}:${service.uid}:${service.gid}::${join(mailDir, user)}::\n`);
  const config = [
    'protocols = imap',
    `listen = 127.0.0.1`,
    `base_dir = ${join(dir, 'run')}`,
    `state_dir = ${join(dir, 'state')}`,
    `log_path = ${join(dir, 'dovecot.log')}`,
    `info_log_path = ${join(dir, 'dovecot.log')}`,
    'ssl = no',
    'disable_plaintext_auth = no',
    'auth_mechanisms = plain login',
    `default_internal_user = ${service.name}`,
    `default_login_user = ${service.name}`,
    `first_valid_uid = ${Math.min(service.uid, 1)}`,
    'first_valid_gid = 0',
    `mail_location = maildir:${mailDir}/%u`,
    // IDLE clients hear of new mail within a second (the default check is every 30 s where inotify is not used).
    'mailbox_idle_check_interval = 1 secs',
    'service imap-login {',
    '  inet_listener imap {',
    '    address = 127.0.0.1',
    `    port = ${port}`,
    '  }',
    '  inet_listener imaps {',
    '    port = 0',
    '  }',
    `  user = ${service.name}`,
    '  chroot =',
    '}',
    'service anvil {',
    '  chroot =',
    '}',
    'service auth {',
    `  user = ${me.username}`,
    '}',
    'service stats {',
    '  chroot =',
    '}',
    'passdb {',
    '  driver = passwd-file',
    `  args = ${join(dir, 'users')}`,
    '}',
    'userdb {',
    '  driver = passwd-file',
    `  args = ${join(dir, 'users')}`,
    '}',
    '',
  ].join('\n');
  const confPath = join(dir, 'dovecot.conf');
  writeFileSync(confPath, config);
  const child: ChildProcess = spawn(dovecotBinary(), ['-F', '-c', confPath], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  let exited: number | null | undefined;
  let spawnError: Error | undefined;
  child.on('exit', (code) => (exited = code));
  child.on('error', (error) => (spawnError = error));
  const logText = () => (existsSync(join(dir, 'dovecot.log')) ? readFileSync(join(dir, 'dovecot.log'), 'utf8') : '');
  const cleanup = () => rmSync(dir, { recursive: true, force: true });

  const deadline = Date.now() + 10_000;
  for (;;) {
    if (spawnError || exited !== undefined) {
      const message = `dovecot did not start (${spawnError?.message ?? `exit ${String(exited)}`}): ${output}${logText()}`;
      cleanup();
      throw new Error(message);
    }
    if (await greets(port)) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      const message = `dovecot did not accept connections on ${port} within 10 s: ${output}${logText()}`;
      cleanup();
      throw new Error(message);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }

  const client = () => new ImapFlow({ host: '127.0.0.1', port, secure: false, auth: { user, pass: password }, logger: false, disableAutoIdle: true });
  return {
    host: '127.0.0.1',
    port,
    user,
    password,
    async append(raw) {
      const imap = client();
      await imap.connect();
      try {
        const result = await imap.append('INBOX', typeof raw === 'string' ? Buffer.from(raw) : raw);
        return result && typeof result === 'object' && typeof result.uid === 'number' ? result.uid : undefined;
      } finally {
        await imap.logout();
      }
    },
    async uidValidity() {
      const imap = client();
      await imap.connect();
      try {
        const status = await imap.status('INBOX', { uidValidity: true });
        if (!status) throw new Error('no INBOX status');
        return Number(status.uidValidity);
      } finally {
        await imap.logout();
      }
    },
    async close() {
      if (exited === undefined) {
        const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        child.kill('SIGTERM');
        await Promise.race([gone, new Promise((resolve) => setTimeout(resolve, 3000))]);
        if (exited === undefined) child.kill('SIGKILL');
      }
      cleanup();
    },
  };
}
