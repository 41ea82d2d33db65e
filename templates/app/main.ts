import { App } from 'berth';
import { AppChart } from './chart';

const app = new App();
new AppChart(app, '{{name}}');
app.synth();
