import * as fs from 'node:fs';
import { decodePng, type DecodedPng } from './decode-png';
import { runChromium } from './run-chromium';

/** A screenshot and what tells a drawn page from a blank one. */
export interface Screenshot extends DecodedPng {
  /** Share of the pixels that are not near-white. */
  inked: number;
  /** Pixels per RGB colour (0xRRGGBB). */
  colours: Map<number, number>;
}

/**
 * Renders a local HTML file in headless Chromium, offline, into `png` (a width × height window) and
 * returns its pixels.
 */
export async function screenshotPage(html: string, png: string, width: number, height: number): Promise<Screenshot> {
  await runChromium(html, width, height, ['--hide-scrollbars', `--screenshot=${png}`]);
  const image = decodePng(fs.readFileSync(png));
  let inked = 0;
  const colours = new Map<number, number>();
  for (let i = 0; i < image.rgba.length; i += 4) {
    if (image.rgba[i] < 235 || image.rgba[i + 1] < 235 || image.rgba[i + 2] < 235) inked++;
    const colour = (image.rgba[i] << 16) | (image.rgba[i + 1] << 8) | image.rgba[i + 2];
    colours.set(colour, (colours.get(colour) ?? 0) + 1);
  }
  return { ...image, inked: inked / (image.width * image.height), colours };
}
