import { PanelPlugin } from '@grafana/data';
import { ScorecardPanel } from './ScorecardPanel';

export const plugin = new PanelPlugin(ScorecardPanel);
