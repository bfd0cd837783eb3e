import { z } from 'zod';
import { listNetworkSensors, ZNetworkSensor } from '../../services/events/index.ts';
import { orgProcedure } from '../procedures.ts';

export const listNetworkSensorsProcedure = orgProcedure('events:read')
  .meta({ openapi: { method: 'GET', path: '/network/sensors', tags: ['network'], summary: 'Network sensors with their status and ingest error count' } })
  .input(z.void())
  .output(z.array(ZNetworkSensor))
  .query(({ ctx }) => listNetworkSensors(ctx.service));
