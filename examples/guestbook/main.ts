import { App } from 'berth';
import { Guestbook } from './guestbook';

const app = new App();
new Guestbook(app, 'guestbook');
app.synth();
