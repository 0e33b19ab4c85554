using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Platform.Core.Identity;

namespace Platform.Core.Tests.Identity;

/// <summary>The sign-in cookie's ticket is decrypted once per node and cookie, and only that exact cookie finds it.</summary>
public sealed class CachedTicketFormatTests
{
    private readonly TicketDataFormat _inner = new(new EphemeralDataProtectionProvider().CreateProtector("cookie-tests"));

    [Fact]
    public void TheSameCookie_IsDecryptedOnce_AndEachRequestGetsItsOwnTicket()
    {
        var format = new CachedTicketFormat(_inner);
        var cookie = format.Protect(Ticket("thi-sinh-1"));

        var first = format.Unprotect(cookie);
        var second = format.Unprotect(cookie);

        Assert.Equal(1, format.Decrypted);
        Assert.Equal("thi-sinh-1", first!.Principal.Identity!.Name);
        Assert.Equal("thi-sinh-1", second!.Principal.Identity!.Name);
        Assert.NotSame(first, second);
    }

    [Fact]
    public void AChangedCookie_IsDecryptedAndRefused_NotServedFromTheCache()
    {
        var format = new CachedTicketFormat(_inner);
        var cookie = format.Protect(Ticket("thi-sinh-1"));
        Assert.NotNull(format.Unprotect(cookie));
        var changed = cookie[..^2] + (cookie[^2] == 'A' ? 'B' : 'A') + cookie[^1];

        var forged = format.Unprotect(changed);

        Assert.Null(forged);
        Assert.Equal(2, format.Decrypted);
    }

    [Fact]
    public void ARequestChangingItsTicket_LeavesTheKeptOneAsRead()
    {
        var format = new CachedTicketFormat(_inner);
        var cookie = format.Protect(Ticket("thi-sinh-1"));
        var first = format.Unprotect(cookie)!;

        first.Properties.ExpiresUtc = DateTimeOffset.UnixEpoch; // as a sliding renewal would
        first.Properties.Items["changed"] = "yes";
        var second = format.Unprotect(cookie)!;

        Assert.NotEqual(DateTimeOffset.UnixEpoch, second.Properties.ExpiresUtc);
        Assert.False(second.Properties.Items.ContainsKey("changed"));
    }

    [Fact]
    public void DifferentCookies_GetTheirOwnTickets()
    {
        var format = new CachedTicketFormat(_inner);
        var one = format.Protect(Ticket("thi-sinh-1"));
        var two = format.Protect(Ticket("thi-sinh-2"));

        Assert.Equal("thi-sinh-1", format.Unprotect(one)!.Principal.Identity!.Name);
        Assert.Equal("thi-sinh-2", format.Unprotect(two)!.Principal.Identity!.Name);
        Assert.Equal("thi-sinh-1", format.Unprotect(one)!.Principal.Identity!.Name);
        Assert.Equal(2, format.Decrypted);
    }

    private static AuthenticationTicket Ticket(string name) =>
        new(
            new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, name), new Claim("tenant", "backan-2023")], "Identity.Application")),
            new AuthenticationProperties { ExpiresUtc = DateTimeOffset.UtcNow.AddHours(8), IssuedUtc = DateTimeOffset.UtcNow },
            "Identity.Application");
}
