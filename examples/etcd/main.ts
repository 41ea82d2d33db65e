import { App } from 'berth';
import { StoreChart } from './store';

const app = new App();
new StoreChart(app, 'etcd');
app.synth();
