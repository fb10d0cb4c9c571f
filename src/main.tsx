/**
 * The page's entry: its stylesheets, then its code in three tasks (issue 20 §7: every main-thread task under
 * 50 ms). The whole static import graph of an entry is evaluated in one task before the first paint: React and the
 * page's own modules together were 20–30 ms of the main thread's CPU, 48–62 ms by wall clock with the training
 * worker starting beside it. Here React's modules are evaluated in one task, the page's (boot.tsx: the settings'
 * schemas, the stores, the controls) in the next, and the start (boot.tsx's `start`: the address, the worker, the
 * first render) in a third. Not a top-level await: with one, Rolldown split the entry's modules into 18 more
 * chunks, and the start had some 300 more tasks loading them.
 */
// The panels' stylesheets before the page's, as when every panel was in the entry (stages/panelStyles.ts).
import './ui/stages/panelStyles';
import './styles.css';
// The page's layout (settings | output, the top bar, the phone layout), over styles.css's panels.
import './ui/layout.css';
// After styles.css: presenter mode's rules override the page's at equal specificity.
import './ui/presenter/presenter.css';
import { messageTask } from './ui/stages/messageTask';

/** Says in the page that its code did not load (a lost connection, a new deployment's chunks). */
function showLoadFailure(error: unknown): void {
  const root = document.getElementById('root');
  const message = document.createElement('p');
  message.setAttribute('role', 'alert');
  message.textContent = `LocoLab did not load (${error instanceof Error ? error.message : String(error)}). Reload the page to try again.`;
  root?.replaceChildren(message);
}

/** A promise kept in a task of its own. */
const nextTask = (): Promise<void> => new Promise((resolve) => messageTask(resolve));

// Each step in a task of its own: the second import's preload (Vite adds a <link rel=modulepreload> for each of
// boot's 11 chunks) ran as a microtask of React's evaluation, 16–21 ms more in its task by wall clock.
import('react-dom/client')
  .then(nextTask)
  .then(() => import('./boot'))
  .then(({ start }) => messageTask(start))
  .catch(showLoadFailure);
