export {
  downloadFile,
  uploadFile,
  type DownloadFileOptions,
  type DownloadFileResult,
  type UploadFileOptions,
} from './files.js';
