import { APP_PROXY_URL } from '../constants';
import { createClient } from './client';

/** The client the app's pages use: through the app's plugin proxy, whose routes add the tokens. */
export const appClient = createClient(APP_PROXY_URL);
