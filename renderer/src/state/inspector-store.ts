/** Which tab of the right-hand inspector is open, and which form the Processing tab shows. */
import { create } from 'zustand';

export type InspectorTab = 'scene' | 'processing' | 'cache' | 'remote' | 'keys';

/** One scene (ndvi, index, scene-pair change), an area over a period (composite, period change), or a time series. */
export type ProcessingForm = 'scene' | 'area' | 'timeseries';

const useInspectorStore = create<{ tab: InspectorTab; processingForm: ProcessingForm }>()(() => ({ tab: 'scene', processingForm: 'scene' }));

export function inspectorTabChosen(tab: InspectorTab): void {
  useInspectorStore.setState({ tab });
}

export function processingFormChosen(processingForm: ProcessingForm): void {
  useInspectorStore.setState({ tab: 'processing', processingForm });
}

export const useInspectorTab = () => useInspectorStore((s) => s.tab);
export const useProcessingForm = () => useInspectorStore((s) => s.processingForm);
