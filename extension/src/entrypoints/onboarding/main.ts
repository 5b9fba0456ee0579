import { mount } from 'svelte';
import '../../ui/styles.css';
import App from './App.svelte';

mount(App, { target: document.getElementById('app') as HTMLElement });
