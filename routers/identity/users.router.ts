import { router } from '../trpc.ts';
import { createUserProcedure } from './create-user.ts';
import { listUsersProcedure } from './list-users.ts';
import { updateUserProcedure } from './update-user.ts';

export const usersRouter = router({
  list: listUsersProcedure,
  create: createUserProcedure,
  update: updateUserProcedure,
});
