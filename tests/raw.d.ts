// Files imported as text through Vite's `?raw` suffix (e.g. wrangler.toml, to compare it with the code).
declare module '*?raw' {
  const text: string;
  export default text;
}
