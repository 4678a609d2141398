// Electron entry point: the shell (src/main/shell) wired to the services. Everything else lives in plain Node code.
import * as electron from 'electron';
import { demoSnapshotPath, preloadOutPath, rendererOutDir } from './paths';
import { createTriadService } from './services/triad-service';
import { startShell } from './shell/app';
import { devServerUrlFrom } from './shell/origins';

startShell(electron, {
  argv: process.argv,
  rendererDir: rendererOutDir(),
  preloadPath: preloadOutPath(),
  demoSnapshotPath: demoSnapshotPath(),
  devServerUrl: devServerUrlFrom(process.env.ELECTRON_RENDERER_URL, electron.app.isPackaged),
  createService: (platform) => createTriadService(platform),
});
