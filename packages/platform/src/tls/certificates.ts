import { generateKeyPair, randomBytes, X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import forge from 'node-forge';
import { writeFileAtomic } from '../store/index.js';

/** What an HTTPS server needs, and where clients find the CA to trust. */
export interface TlsMaterial {
  /** Server certificate chain (PEM). */
  cert: string;
  /** Server private key (PEM). */
  key: string;
  /** Path of the CA certificate clients should trust (`REQUESTS_CA_BUNDLE`, `NODE_EXTRA_CA_CERTS`). */
  caPath: string;
}

const generate = promisify(generateKeyPair);
const CA_YEARS = 10;
const SERVER_DAYS = 397;

async function rsaKeys(): Promise<{
  privateKey: forge.pki.rsa.PrivateKey;
  publicKey: forge.pki.rsa.PublicKey;
  pem: string;
}> {
  const { privateKey, publicKey } = await generate('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return {
    privateKey: forge.pki.privateKeyFromPem(privateKey),
    publicKey: forge.pki.publicKeyFromPem(publicKey),
    pem: privateKey,
  };
}

function serial(): string {
  // Positive, 16 bytes: the high bit cleared so DER does not read it as negative.
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] as number) & 0x7f;
  return bytes.toString('hex');
}

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * Loads the platform's TLS material from `<dataDir>/tls/`, creating it on
 * first use: a private CA (10 years) and a server certificate it signs for
 * `localhost`, `127.0.0.1`, `::1` and `host`. Keys are written 0600. The
 * server certificate is re-issued when it no longer covers `host` or is
 * close to expiry; the CA stays, so clients keep trusting it.
 */
export async function loadTlsMaterial(dataDir: string, host: string): Promise<TlsMaterial> {
  const dir = join(dataDir, 'tls');
  const caPath = join(dir, 'ca.pem');
  const paths = { caKey: join(dir, 'ca-key.pem'), cert: join(dir, 'server.pem'), key: join(dir, 'server-key.pem') };
  const names = [...new Set(['localhost', '127.0.0.1', '::1', host])];

  let caPem = await readIfExists(caPath);
  let caKeyPem = await readIfExists(paths.caKey);
  if (caPem === undefined || caKeyPem === undefined) {
    const keys = await rsaKeys();
    const ca = forge.pki.createCertificate();
    ca.publicKey = keys.publicKey;
    ca.serialNumber = serial();
    ca.validity.notBefore = new Date(Date.now() - 60_000);
    ca.validity.notAfter = new Date(Date.now() + CA_YEARS * 365 * 24 * 3600 * 1000);
    const subject = [{ name: 'commonName', value: `vobridge platform CA ${randomBytes(4).toString('hex')}` }];
    ca.setSubject(subject);
    ca.setIssuer(subject);
    ca.setExtensions([
      { name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
      { name: 'subjectKeyIdentifier' },
    ]);
    ca.sign(keys.privateKey, forge.md.sha256.create());
    caPem = forge.pki.certificateToPem(ca);
    caKeyPem = keys.pem;
    await writeFileAtomic(paths.caKey, caKeyPem, { mode: 0o600 });
    await writeFileAtomic(caPath, caPem, { mode: 0o644 });
  }

  const existingCert = await readIfExists(paths.cert);
  const existingKey = await readIfExists(paths.key);
  if (existingCert !== undefined && existingKey !== undefined && stillGood(existingCert, caPem, names)) {
    return { cert: existingCert, key: existingKey, caPath };
  }

  const ca = forge.pki.certificateFromPem(caPem);
  const caKey = forge.pki.privateKeyFromPem(caKeyPem);
  const keys = await rsaKeys();
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = serial();
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + SERVER_DAYS * 24 * 3600 * 1000);
  cert.setSubject([{ name: 'commonName', value: host }]);
  cert.setIssuer(ca.subject.attributes);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    {
      name: 'subjectAltName',
      altNames: names.map((n) => (isIP(n) === 0 ? { type: 2, value: n } : { type: 7, ip: n })),
    },
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: ca.generateSubjectKeyIdentifier().getBytes() },
  ]);
  cert.sign(caKey, forge.md.sha256.create());
  const certPem = forge.pki.certificateToPem(cert);
  await writeFileAtomic(paths.key, keys.pem, { mode: 0o600 });
  await writeFileAtomic(paths.cert, certPem, { mode: 0o644 });
  return { cert: certPem, key: keys.pem, caPath };
}

function stillGood(certPem: string, caPem: string, names: readonly string[]): boolean {
  try {
    const cert = new X509Certificate(certPem);
    if (!cert.checkIssued(new X509Certificate(caPem))) return false;
    if (Date.parse(cert.validTo) - Date.now() < 30 * 24 * 3600 * 1000) return false;
    return names.every((n) => (isIP(n) === 0 ? cert.checkHost(n) !== undefined : cert.checkIP(n) !== undefined));
  } catch {
    return false;
  }
}
