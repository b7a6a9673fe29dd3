/**
 * Encode a string as a Python string literal that evaluates back to exactly
 * that string. Everything outside printable ASCII, and the quote and
 * backslash, is escaped, so a hostile session name can neither end the
 * literal nor smuggle a line break or a bidi control into the cell.
 */
export function pythonString(value: string): string {
  let out = '"';
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    // Escape by UTF-16 unit: a lone surrogate becomes \udXXX, which Python
    // keeps as the same lone surrogate; a pair is escaped as one code point.
    const next = value.charCodeAt(i + 1);
    if (unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      const point = (unit - 0xd800) * 0x400 + (next - 0xdc00) + 0x10000;
      out += `\\U${point.toString(16).padStart(8, '0')}`;
      i++;
    } else if (unit === 0x22 || unit === 0x5c) {
      out += `\\${String.fromCharCode(unit)}`;
    } else if (unit >= 0x20 && unit < 0x7f) {
      out += String.fromCharCode(unit);
    } else if (unit < 0x100) {
      out += `\\x${unit.toString(16).padStart(2, '0')}`;
    } else {
      out += `\\u${unit.toString(16).padStart(4, '0')}`;
    }
  }
  return `${out}"`;
}
