import { mount } from 'svelte';
import './app.css';
import App from './App.svelte';
import RecoveryScreen from './lib/components/RecoveryScreen.svelte';
import { recoveryProblem, startNotice } from './lib/api/backups';
import { ui } from './lib/stores/ui.svelte';

// A database that failed its check at start was left unopened: the recovery
// screen takes the app's place. Otherwise the app, with any message from the
// run that restarted into this one (a restore it made).
async function start() {
  const target = document.getElementById('app')!;
  const problem = await recoveryProblem().catch(() => null);
  // Svelte 5 components are functions: `new App(...)` renders nothing, mount() does.
  if (problem) return mount(RecoveryScreen, { target, props: { problem } });
  const app = mount(App, { target });
  startNotice().then((n) => n && ui.toast(n)).catch(() => {});
  return app;
}

export default start();
