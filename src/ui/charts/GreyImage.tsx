/** One width×height grey image from `values` at `offset`, drawn at its own resolution and scaled by CSS. */
import { memo, useEffect, useRef } from 'react';
import { greyToRgba } from './galleryModel';

interface Props {
  values: Float32Array;
  offset: number;
  width: number;
  height: number;
  size: number;
  label: string;
  testId: string;
  /** In a comparison: the row ("original", "run-2"), its colour and the test image's index (the slide reads them). */
  row?: string;
  color?: string;
  index?: number;
}

export const GreyImage = memo(function GreyImage({ values, offset, width, height, size, label, testId, row, color, index }: Props) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    canvas.width = width;
    canvas.height = height;
    const image = ctx.createImageData(width, height);
    greyToRgba(values, offset, width * height, image.data);
    ctx.putImageData(image, 0, 0);
  }, [values, offset, width, height]);
  return <canvas ref={ref} className="gallery-image" style={{ width: size, height: (size * height) / width }} role="img" aria-label={label} data-testid={testId} data-row={row} data-color={color} data-index={index} />;
});
