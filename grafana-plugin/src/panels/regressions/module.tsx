import { PanelPlugin } from '@grafana/data';
import { RegressionsPanel } from './RegressionsPanel';

export const plugin = new PanelPlugin(RegressionsPanel);
