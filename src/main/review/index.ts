// The reviewer's file beside a snapshot (file.ts) and reproducible samples (sample.ts).

export { ReviewFileError, addSample, loadReview, newReview, saveReview, signOff, updateItem } from './file';
export { pickPositions, sampleControl } from './sample';
