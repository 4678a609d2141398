import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { createTriadRouter } from './router';
import './styles/base.css';

createApp(App).use(createPinia()).use(createTriadRouter()).mount('#app');
