import { render } from 'preact';
import { App } from './app';
import { watchScrollRegions } from './ui/scroll-regions';
import { applyTheme, storedTheme } from './ui/theme';
import './styles.css';

applyTheme(storedTheme());
const root = document.getElementById('app');
if (root) {
  render(<App />, root);
  watchScrollRegions(root);
}
