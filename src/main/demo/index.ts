// The deterministic demo organization: `generateDemo` writes it through any SnapshotWriter.

export {
  DEFAULT_DEMO_FINDINGS,
  DEFAULT_DEMO_SEED,
  MAX_DEMO_FINDINGS,
  MIN_DEMO_FINDINGS,
  demoCreatedAt,
  generateDemo,
  type DemoCatalog,
  type DemoOptions,
  type DemoResult,
} from './generate';
