import { mount } from 'svelte';
import './app.css';
import App from './App.svelte';

// Svelte 5 components are functions: `new App(...)` renders nothing, mount() does.
const app = mount(App, { target: document.getElementById('app')! });

export default app;
