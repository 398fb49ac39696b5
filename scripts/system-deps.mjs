// Debian packages the full test suite needs (a PostgreSQL server, Chromium for the browser tests,
// Tesseract with its Vietnamese model and poppler for scanned PDFs, LibreOffice Writer for .doc/.odt).
// When one is missing and we may install (root with apt-get), install it; otherwise say what is missing.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

export function postgresBinDir() {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return null;
  const versions = readdirSync(base)
    .filter((v) => existsSync(`${base}/${v}/bin/initdb`))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? `${base}/${versions[0]}/bin` : null;
}

const canInstall = () => process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
let updated = false;

export function ensureDebianPackages(packages, reason) {
  if (!canInstall()) return false;
  console.log(`› Installing ${packages.join(', ')} from Debian's packages (${reason})…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (!updated) {
    execSync('apt-get update -qq', { stdio: 'inherit', env });
    updated = true;
  }
  execSync(`apt-get install -y -qq --no-install-recommends ${packages.join(' ')}`, { stdio: 'inherit', env });
  return true;
}

export function ensurePostgres() {
  if (postgresBinDir()) return postgresBinDir();
  ensureDebianPackages(['postgresql'], 'the suite also runs against a PostgreSQL server');
  return postgresBinDir();
}

export function ensureChromium() {
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  ensureDebianPackages(['chromium', 'fonts-dejavu-core'], 'browser tests');
  return existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : null;
}

/** OCR of scanned PDFs (tesseract + the Vietnamese model, pdftoppm) and .doc/.odt conversion (soffice). */
export function ensureDocumentTools() {
  const missing = [];
  if (!existsSync('/usr/bin/tesseract')) missing.push('tesseract-ocr');
  if (
    !existsSync('/usr/share/tesseract-ocr/5/tessdata/vie.traineddata') &&
    !existsSync('/usr/share/tesseract-ocr/4.00/tessdata/vie.traineddata')
  )
    missing.push('tesseract-ocr-vie');
  if (!existsSync('/usr/bin/pdftoppm')) missing.push('poppler-utils');
  if (!existsSync('/usr/bin/soffice')) missing.push('libreoffice-writer-nogui');
  if (missing.length) ensureDebianPackages(missing, 'scanned PDFs and old Word files in the extraction tests');
}
