import { PanelPlugin } from '@grafana/data';
import { GatePanel } from './GatePanel';

export const plugin = new PanelPlugin(GatePanel);
