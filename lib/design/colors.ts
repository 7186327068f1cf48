import fs from 'node:fs';
import path from 'node:path';

/**
 * Colours as the browser paints them, read from the CSS itself (the project's `@theme` in
 * app/globals.css and Tailwind's own theme), for contrast checks in tests.
 */
export type Rgb = [number, number, number];

function readThemeColors(): Map<string, string> {
  const colors = new Map<string, string>();
  const files = [path.join(process.cwd(), 'node_modules', 'tailwindcss', 'theme.css'), path.join(process.cwd(), 'app', 'globals.css')];
  for (const file of files) {
    // The first definition is the root one (`.focus-on-dark` later points --focus-ring elsewhere).
    for (const match of fs.readFileSync(file, 'utf8').matchAll(/--(color-[\w-]+|focus-ring[\w-]*):\s*([^;]+);/g)) {
      if (!colors.has(match[1]) || match[1].startsWith('color-')) colors.set(match[1], match[2].trim());
    }
  }
  return colors;
}

let theme: Map<string, string> | null = null;

/** A CSS colour value (`#rrggbb`, `#rgb`, `oklch(…)`, `var(--…)`) as sRGB 0–1. */
export function parseColor(value: string): Rgb {
  theme ??= readThemeColors();
  const v = value.trim();
  const variable = /^var\(--([\w-]+)\)$/.exec(v);
  if (variable) {
    const resolved = theme.get(variable[1]);
    if (!resolved) throw new Error(`Unknown colour variable ${v}`);
    return parseColor(resolved);
  }
  if (v.startsWith('#')) {
    const hex = v.length === 4 ? [...v.slice(1)].map((c) => c + c).join('') : v.slice(1, 7);
    return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255) as Rgb;
  }
  const oklch = /^oklch\(([\d.]+)(%?)\s+([\d.]+)\s+([\d.]+)\)$/.exec(v);
  if (oklch) return oklchToSrgb(Number(oklch[1]) / (oklch[2] ? 100 : 1), Number(oklch[3]), Number(oklch[4]));
  throw new Error(`Cannot read colour ${v}`);
}

/** A Tailwind colour class's colour: `bg-brand-700` → `--color-brand-700`, `bg-white`. */
export function tailwindColor(name: string): Rgb {
  theme ??= readThemeColors();
  const value = theme.get(`color-${name}`);
  if (!value) throw new Error(`No Tailwind colour ${name}`);
  return parseColor(value);
}

// OKLCH → OKLab → linear sRGB → gamma-encoded sRGB (Björn Ottosson's matrices, as CSS Color 4).
function oklchToSrgb(l: number, c: number, hDeg: number): Rgb {
  const h = (hDeg * Math.PI) / 180;
  const a = c * Math.cos(h);
  const b = c * Math.sin(h);
  const l_ = (l + 0.3963377774 * a + 0.2158037573 * b) ** 3;
  const m_ = (l - 0.1055613458 * a - 0.0638541728 * b) ** 3;
  const s_ = (l - 0.0894841775 * a - 1.291485548 * b) ** 3;
  const linear = [
    4.0767416621 * l_ - 3.3077115913 * m_ + 0.2309699292 * s_,
    -1.2684380046 * l_ + 2.6097574011 * m_ - 0.3413193965 * s_,
    -0.0041960863 * l_ - 0.7034186147 * m_ + 1.707614701 * s_,
  ];
  return linear.map((x) => {
    const v = Math.min(1, Math.max(0, x));
    return v <= 0.0031308 ? 12.92 * v : 1.055 * v ** (1 / 2.4) - 0.055;
  }) as Rgb;
}

/** WCAG relative luminance. */
export function luminance([r, g, b]: Rgb): number {
  const lin = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** WCAG contrast ratio, 1 to 21. */
export function contrast(a: Rgb, b: Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}
