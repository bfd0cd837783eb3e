import { router } from '../trpc.ts';
import { changePasswordProcedure } from './change-password.ts';
import { getMeProcedure } from './get-me.ts';
import { getProfileProcedure } from './get-profile.ts';
import { inviteUserProcedure } from './invite-user.ts';
import { loginWithSessionProcedure } from './login-with-session.ts';
import { loginWithTokenProcedure } from './login-with-token.ts';
import { logoutSessionProcedure } from './logout-session.ts';
import { logoutTokenProcedure } from './logout-token.ts';
import { refreshTokenProcedure } from './refresh-token.ts';
import { registerProcedure } from './register.ts';

export const authRouter = router({
  register: registerProcedure,
  login: loginWithTokenProcedure,
  refresh: refreshTokenProcedure,
  me: getMeProcedure,
  invite: inviteUserProcedure,
  logout: logoutTokenProcedure,
  changePassword: changePasswordProcedure,
  sessionLogin: loginWithSessionProcedure,
  sessionLogout: logoutSessionProcedure,
  profile: getProfileProcedure,
});
