/**
 * The YAML functions the CLI loads on demand (`await import('./yaml-text')`). A dynamic
 * `import('yaml')` in the bundle would hand back the package's CommonJS namespace, without the
 * named exports; importing it statically here gives the bundler a proper ES module to split off.
 */
export { parse, stringify } from 'yaml';
