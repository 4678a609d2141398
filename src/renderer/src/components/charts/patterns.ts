// Pattern fills, so chart segments differ by texture as well as colour (colour-blind safe). Drawn on a
// small canvas in memory: no image files, nothing for the CSP to object to.
import type { ComplianceStatus, PillarKey } from '../../../../shared/domain';
import { PILLAR_COLORS, STATUS_COLORS } from '../../palette';

type Texture = 'solid' | 'diagonal' | 'dots' | 'cross' | 'horizontal' | 'vertical';

const STATUS_TEXTURES: Record<ComplianceStatus, Texture> = {
  COMPLIANT: 'solid',
  NON_COMPLIANT: 'diagonal',
  NOT_APPLICABLE: 'horizontal',
  INSUFFICIENT_DATA: 'dots',
  ERROR: 'cross',
  NOT_EVALUATED: 'vertical',
};

const cache = new Map<string, CanvasPattern | string>();

export function patternFill(color: string, texture: Texture): CanvasPattern | string {
  const key = `${color}:${texture}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const size = 10;
  const canvas = document.createElement('canvas');
  canvas.width = size;
  canvas.height = size;
  const ctx = canvas.getContext('2d');
  if (!ctx || texture === 'solid') return color;
  ctx.fillStyle = color;
  ctx.fillRect(0, 0, size, size);
  ctx.strokeStyle = 'rgba(0, 0, 0, 0.55)';
  ctx.fillStyle = 'rgba(0, 0, 0, 0.55)';
  ctx.lineWidth = 1.5;
  ctx.beginPath();
  switch (texture) {
    case 'diagonal':
      ctx.moveTo(0, size);
      ctx.lineTo(size, 0);
      ctx.moveTo(-2, 2);
      ctx.lineTo(2, -2);
      ctx.moveTo(size - 2, size + 2);
      ctx.lineTo(size + 2, size - 2);
      break;
    case 'cross':
      ctx.moveTo(0, 0);
      ctx.lineTo(size, size);
      ctx.moveTo(0, size);
      ctx.lineTo(size, 0);
      break;
    case 'horizontal':
      ctx.moveTo(0, size / 2);
      ctx.lineTo(size, size / 2);
      break;
    case 'vertical':
      ctx.moveTo(size / 2, 0);
      ctx.lineTo(size / 2, size);
      break;
    case 'dots':
      ctx.arc(size / 2, size / 2, 1.6, 0, Math.PI * 2);
      ctx.fill();
      break;
  }
  ctx.stroke();
  const pattern = ctx.createPattern(canvas, 'repeat') ?? color;
  cache.set(key, pattern);
  return pattern;
}

export function statusFill(status: ComplianceStatus): CanvasPattern | string {
  return patternFill(STATUS_COLORS[status], STATUS_TEXTURES[status]);
}

const PILLAR_TEXTURES: Record<PillarKey, Texture> = {
  confidentiality: 'solid',
  integrity: 'diagonal',
  availability: 'dots',
  unclassified: 'horizontal',
};

export function pillarFill(pillar: PillarKey): CanvasPattern | string {
  return patternFill(PILLAR_COLORS[pillar].color, PILLAR_TEXTURES[pillar]);
}
