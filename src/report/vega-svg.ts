import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/**
 * Renders a chart to an SVG string in Node, with no browser and no network: Vega-Lite specs are
 * compiled to Vega first. Data must be inline (`values`); nothing is loaded.
 */
export async function vegaLiteSvg(spec: TopLevelSpec): Promise<string> {
  return vegaSvg(compile(spec).spec);
}

export async function vegaSvg(spec: vega.Spec): Promise<string> {
  const loader = vega.loader();
  // inline data only: a spec that names a URL is a bug, not a reason to reach the network
  loader.load = () => Promise.reject(new Error('report charts use inline data only'));
  // Vega logs dataflow errors and renders on; a chart that failed must fail the report instead
  const errors: unknown[] = [];
  // and its warnings (an empty extent, say) are not the run's to print on stderr
  const logger = vega.logger(vega.None);
  logger.error = (...args: readonly unknown[]) => {
    errors.push(args[0]);
    return logger;
  };
  const view = new vega.View(vega.parse(spec), { renderer: 'none', loader, logger });
  try {
    const svg = await view.toSVG();
    if (errors.length > 0) throw errors[0] instanceof Error ? errors[0] : new Error(String(errors[0]));
    return svg;
  } finally {
    view.finalize();
  }
}
