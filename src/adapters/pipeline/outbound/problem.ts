import { HttpException } from '@nestjs/common';

/** An RFC 9457 problem the hub's ProblemDetailsFilter passes through as is. */
export const problem = (status: number, slug: string, title: string, detail: string): HttpException =>
  new HttpException({ type: `https://trestle.dev/problems/${slug}`, title, status, detail }, status);
