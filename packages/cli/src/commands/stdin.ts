/** Reads standard input to the end (for --password-stdin and --token -), at most 64 KiB. */
export async function readStdin(limit = 64 * 1024): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > limit) break;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
