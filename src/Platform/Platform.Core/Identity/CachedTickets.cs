using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Platform.Core.Identity;

/// <summary>
/// The sign-in cookie's ticket, decrypted once per node and cookie rather than on every request. A contestant sends
/// the same cookie with each of an attempt's 20-odd requests, and decrypting and verifying it (AES and HMAC through
/// OpenSSL, then reading the ticket) was ≈ 6–7 % of a node's CPU at the deadline (docs/benchmarks.md). The cache is
/// keyed by the SHA-256 of the whole protected value, so only the exact cookie that was decrypted finds its ticket; a
/// changed or forged one is decrypted (and refused) as before. Everything checked after decryption still is, on
/// every request: expiry, the tenant claim, the security stamp.
/// </summary>
internal sealed class CachedTicketFormat(ISecureDataFormat<AuthenticationTicket> inner) : ISecureDataFormat<AuthenticationTicket>, IDisposable
{
    /// <summary>Most tickets kept per node (≈ 2 KB each).</summary>
    public const int Capacity = 20_000;

    /// <summary>
    /// How long a ticket is kept after its last use. Also how long a cookie whose key was revoked from the key ring
    /// keeps working on a node that already read it.
    /// </summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private readonly MemoryCache _tickets = new(new MemoryCacheOptions { SizeLimit = Capacity });
    private int _decrypted;

    /// <summary>How many cookies were decrypted (not found in the cache) so far.</summary>
    public int Decrypted => _decrypted;

    public string Protect(AuthenticationTicket data) => inner.Protect(data);

    public string Protect(AuthenticationTicket data, string? purpose) => inner.Protect(data, purpose);

    public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, purpose: null);

    public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
    {
        if (string.IsNullOrEmpty(protectedText) || purpose is not null)
        {
            return inner.Unprotect(protectedText, purpose);
        }

        var key = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(protectedText)));
        if (_tickets.TryGetValue(key, out AuthenticationTicket? cached) && cached is not null)
        {
            return cached.Clone(); // the handler may change the ticket's properties (a sliding renewal); the kept one stays as read
        }

        Interlocked.Increment(ref _decrypted);
        var ticket = inner.Unprotect(protectedText);
        if (ticket is not null)
        {
            var entry = new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = Lifetime };
            if (ticket.Properties.ExpiresUtc is { } expires)
            {
                entry.AbsoluteExpiration = expires;
            }

            _tickets.Set(key, ticket.Clone(), entry);
        }

        return ticket;
    }

    public void Dispose() => _tickets.Dispose();
}

/// <summary>Wraps the application cookie's ticket format (made by the cookie handler's own set-up, which runs first) in <see cref="CachedTicketFormat"/>.</summary>
internal sealed class CachedTicketsSetup : IPostConfigureOptions<CookieAuthenticationOptions>
{
    public void PostConfigure(string? name, CookieAuthenticationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (name == IdentityConstants.ApplicationScheme && options.TicketDataFormat is not CachedTicketFormat)
        {
            options.TicketDataFormat = new CachedTicketFormat(options.TicketDataFormat);
        }
    }
}
