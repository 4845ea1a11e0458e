import { SHARED_STYLE_COUNT, type SharedIdentifiers, type SharedStyle } from '../world-parts.js';

/** Allocates shared identifiers (style, id) during planning and remembers each one's country. */
export class SharedRegistry implements SharedIdentifiers {
  private readonly countries: number[][] = Array.from({ length: SHARED_STYLE_COUNT }, () => []);

  allocate(style: SharedStyle, country: number): number {
    const list = this.countries[style]!;
    list.push(country);
    return list.length - 1;
  }

  count(style: SharedStyle): number {
    return this.countries[style]!.length;
  }

  country(style: SharedStyle, id: number): number {
    return this.countries[style]![id]!;
  }
}
