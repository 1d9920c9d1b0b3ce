// Draws the slider captcha's two pictures as real PNG images (no image library, and nothing from
// Node, so that the sandbox core runs in a browser too): a background with a gap where the piece was
// cut out, and the piece, on a transparent strip as tall as the background so that only its
// horizontal position is left to find. The pictures depend on the tenant's sizes and gap only, so
// they are drawn once per process (or page) and tenant. Deflating is CompressionStream's, which is
// asynchronous: the pictures come as a promise.

const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

// CRC-32 (ISO-HDLC, the PNG chunks' checksum), one table lookup per byte.
const crcTable = Array.from({ length: 256 }, (_, byte) => {
  let value = byte;
  for (let bit = 0; bit < 8; bit += 1) value = value & 1 ? 0xedb88320 ^ (value >>> 1) : value >>> 1;
  return value >>> 0;
});
function crc32(bytes) {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = crcTable[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function concat(parts) {
  const whole = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    whole.set(part, at);
    at += part.length;
  }
  return whole;
}

// A chunk: its length, type and data, then the CRC of type and data.
function chunk(type, data) {
  const typed = concat([new TextEncoder().encode(type), data]);
  const framed = new Uint8Array(typed.length + 8);
  const view = new DataView(framed.buffer);
  view.setUint32(0, data.length);
  framed.set(typed, 4);
  view.setUint32(typed.length + 4, crc32(typed));
  return framed;
}

// zlib-wrapped deflate, as a PNG's IDAT wants it.
const deflate = async (bytes) => new Uint8Array(await new Response(new Blob([bytes]).stream().pipeThrough(new CompressionStream('deflate'))).arrayBuffer());

/** A PNG (8-bit RGBA, no interlace) of `pixels`, `width` × `height` × 4 bytes, row by row. */
async function encodePng(width, height, pixels) {
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header.set([8, 6, 0, 0, 0], 8);
  const stride = width * 4;
  // Each scanline starts with its filter type; 0 (none) keeps the encoder trivial, and deflate still
  // shrinks the smooth picture well.
  const raw = new Uint8Array((stride + 1) * height);
  for (let y = 0; y < height; y += 1) raw.set(pixels.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  return concat([Uint8Array.from(signature), chunk('IHDR', header), chunk('IDAT', await deflate(raw)), chunk('IEND', new Uint8Array(0))]);
}

// Base64 through btoa, which every runtime has; it takes a binary string, built in slices because
// String.fromCharCode takes its bytes as arguments.
function base64(bytes) {
  let binary = '';
  for (let at = 0; at < bytes.length; at += 0x8000) binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
  return btoa(binary);
}

// A calm landscape: sky, sun, two rows of hills, as one 0xRRGGBB number per pixel (no array per
// pixel: the picture has 48,000 of them). Only its pixels matter, not its beauty: the gap and the
// piece must show against it.
const rgb = (r, g, b) => (Math.round(r) << 16) | (Math.round(g) << 8) | Math.round(b);
function landscape(x, y, width, height) {
  if (y > height * (0.72 + 0.06 * Math.sin(x / 41 + 2))) return rgb(60 + ((x * 7 + y * 3) % 20), 120 + (y % 17), 60);
  if (y > height * (0.55 + 0.08 * Math.sin(x / 23))) return rgb(90, 140 + ((x + y) % 13), 95);
  if ((x - width * 0.2) ** 2 + (y - height * 0.25) ** 2 < (height * 0.12) ** 2) return rgb(250, 220, 120);
  return rgb(110 + (y * 80) / height, 160 + (y * 60) / height, 235);
}

/**
 * The two pictures of a captcha: `width` × `height` background with a `piece` × `piece` gap (a
 * square with a round tab on top) at `gap`, and the piece on a `piece` × `height` strip at the
 * gap's height. Answers (a promise of) both as Base64, without a `data:` prefix, as the vendor sends
 * them.
 */
export function drawCaptcha(options) {
  const key = JSON.stringify(options);
  if (!drawn.has(key)) drawn.set(key, draw(options));
  return drawn.get(key);
}

// Sandboxes of the same tenant in one process (tests start many) share their pictures.
const drawn = new Map();

async function draw({ width, height, piece, gap }) {
  const tab = Math.max(3, Math.round(piece / 6));
  // Inside the piece, relative to its top-left corner: the square, or the tab on its top edge.
  const inside = (dx, dy) => (dx >= 0 && dx < piece && dy >= 0 && dy < piece) || (dx - piece / 2) ** 2 + dy ** 2 < tab ** 2;
  const onEdge = (dx, dy) => inside(dx, dy) && !(inside(dx - 1, dy) && inside(dx + 1, dy) && inside(dx, dy - 1) && inside(dx, dy + 1));

  const background = new Uint8Array(width * height * 4);
  const strip = new Uint8Array(piece * height * 4);
  const put = (pixels, at, color) => {
    pixels[at] = color >> 16;
    pixels[at + 1] = (color >> 8) & 0xff;
    pixels[at + 2] = color & 0xff;
    pixels[at + 3] = 255;
  };
  const white = rgb(255, 255, 255);
  const outline = rgb(235, 235, 235);
  const shade = (color) => rgb((color >> 16) * 0.35, ((color >> 8) & 0xff) * 0.35, (color & 0xff) * 0.35);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const color = landscape(x, y, width, height);
      const dx = x - gap.x;
      const dy = y - gap.y;
      if (!inside(dx, dy)) {
        put(background, (y * width + x) * 4, color);
        continue;
      }
      const edge = onEdge(dx, dy);
      put(strip, (y * piece + dx) * 4, edge ? white : color);
      put(background, (y * width + x) * 4, edge ? outline : shade(color));
    }
  }
  const [original, jigsaw] = await Promise.all([encodePng(width, height, background), encodePng(piece, height, strip)]);
  return { originalImageBase64: base64(original), jigsawImageBase64: base64(jigsaw) };
}
