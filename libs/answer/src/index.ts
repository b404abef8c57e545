export { extractAnswer, type Extraction, type ExtractionMode } from './extract-answer';
