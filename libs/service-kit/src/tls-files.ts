import * as fs from 'node:fs';

/** PEM files of the services.tls config section. */
export interface TlsFiles {
  enabled: boolean;
  cert: string;
  key: string;
  ca: string;
}

export function readPem(file: string, what: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    throw new Error(`cannot read TLS ${what} ${file}: ${(error as Error).message}`);
  }
}
