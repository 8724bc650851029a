#!/usr/bin/env node
/**
 * Draws the two Teams app icons with nothing but zlib: `color.png` (192x192, a white check mark in a ring
 * on the accent colour) and `outline.png` (32x32, the same mark in white on transparent, as Teams requires).
 * Run `node manifest/teams/generate-icons.js` after changing the design; the PNGs are committed.
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const ACCENT = [0x1f, 0x6f, 0xb2]; // keep in sync with accentColor in manifest.json (#1F6FB2)

/** CRC-32 as PNG chunks need it (zlib.crc32 only exists from Node 20.15). */
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buffer) {
  let crc = 0xffffffff;
  for (const byte of buffer) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** An RGBA PNG from a pixel function returning [r, g, b, a] for (x, y). */
function png(size, pixel) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type RGBA
  const rows = Buffer.alloc(size * (1 + size * 4));
  for (let y = 0; y < size; y++) {
    const row = y * (1 + size * 4); // each row starts with filter byte 0 (none)
    for (let x = 0; x < size; x++) rows.set(pixel(x, y), row + 1 + x * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function distanceToSegment(px, py, [ax, ay], [bx, by]) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** Coverage (0..1) of the mark at a point in unit coordinates: a ring and a check mark inside it. */
function mark(u, v, stroke) {
  const ring = Math.abs(Math.hypot(u - 0.5, v - 0.5) - 0.36);
  const check = Math.min(distanceToSegment(u, v, [0.33, 0.52], [0.45, 0.64]), distanceToSegment(u, v, [0.45, 0.64], [0.68, 0.38]));
  return Math.min(ring, check) <= stroke / 2 ? 1 : 0;
}

/** 4x4 supersampling keeps the edges smooth at 32 px. */
function coverage(x, y, size, stroke) {
  let hits = 0;
  for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) hits += mark((x + (i + 0.5) / 4) / size, (y + (j + 0.5) / 4) / size, stroke);
  return hits / 16;
}

function colorIcon(size = 192) {
  return png(size, (x, y) => {
    const c = coverage(x, y, size, 0.07);
    return [...ACCENT.map((channel) => Math.round(channel + (255 - channel) * c)), 255];
  });
}

function outlineIcon(size = 32) {
  return png(size, (x, y) => [255, 255, 255, Math.round(255 * coverage(x, y, size, 0.1))]);
}

if (require.main === module) {
  const dir = __dirname;
  fs.writeFileSync(path.join(dir, 'color.png'), colorIcon());
  fs.writeFileSync(path.join(dir, 'outline.png'), outlineIcon());
  console.log(`wrote ${path.join(dir, 'color.png')} and ${path.join(dir, 'outline.png')}`);
}

module.exports = { colorIcon, outlineIcon, png };
