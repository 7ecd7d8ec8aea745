// A local OpenID Connect provider for the single sign-on browser test (tests/browser/test_sso.py).
// Usage: node provider.mjs ISSUER REDIRECT_URI ACCOUNTS_JSON
// ACCOUNTS_JSON maps a login name to its claims ({"email": ..., "email_verified": ...}); the
// provider's own development log-in form takes any login name, so a test signs in as one of them.
import Provider from 'oidc-provider';

const [issuer, redirectUri, accountsJson] = process.argv.slice(2);
const accounts = JSON.parse(accountsJson);

const provider = new Provider(issuer, {
  clients: [{
    client_id: 'simitra-test',
    client_secret: 'simitra-test-secret',
    redirect_uris: [redirectUri],
    response_types: ['code'],
    grant_types: ['authorization_code'],
    token_endpoint_auth_method: 'client_secret_post',
  }],
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name', 'given_name', 'family_name', 'preferred_username'],
  },
  async findAccount(ctx, id) {
    const claims = accounts[id] || {};
    return { accountId: id, async claims() { return { sub: id, preferred_username: id, ...claims }; } };
  },
  pkce: { required: () => false },
  features: { devInteractions: { enabled: true } },
  cookies: { keys: ['simitra-test-cookie-key'] },
});
provider.on('server_error', (ctx, error) => console.error(error));
const port = Number(new URL(issuer).port);
provider.listen(port, '127.0.0.1', () => console.log(`listening ${issuer}`));
