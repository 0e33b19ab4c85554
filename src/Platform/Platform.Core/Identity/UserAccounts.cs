using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Platform.Core.Identity;

/// <summary>Thrown when an account cannot be created or changed; the message says why, in Vietnamese.</summary>
public sealed class UserAccountException(string message) : Exception(message);

/// <summary>Creates accounts and roles in the current tenant (or the host scope).</summary>
public sealed class UserAccounts(UserManager<PlatformUser> users, RoleManager<PlatformRole> roles, TimeProvider clock)
{
    /// <summary>Makes sure the roles exist in the current scope.</summary>
    public async Task EnsureRolesAsync(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        foreach (var name in names)
        {
            if (!await roles.RoleExistsAsync(name))
            {
                Check(await roles.CreateAsync(new PlatformRole { Name = name }));
            }
        }
    }

    /// <summary>
    /// Creates an account with one role, or adds the role to an existing one. Returns the password when one
    /// was generated (it is shown once and never stored in clear).
    /// </summary>
    public async Task<(PlatformUser User, string? GeneratedPassword)> EnsureUserAsync(string userName, string role, string? password, string? displayName = null, string? email = null, string? phone = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userName);
        ArgumentException.ThrowIfNullOrWhiteSpace(role);
        if (!await roles.RoleExistsAsync(role))
        {
            throw new UserAccountException($"Vai trò '{role}' không tồn tại ở đây (có: {string.Join(", ", await roles.Roles.Select(r => r.Name).ToListAsync())}).");
        }

        var user = await users.FindByNameAsync(userName);
        string? generated = null;
        if (user is null)
        {
            user = new PlatformUser { UserName = userName, DisplayName = displayName, Email = email, PhoneNumber = phone, CreatedAt = clock.GetUtcNow(), LockoutEnabled = true };
            if (string.IsNullOrEmpty(password))
            {
                password = generated = GeneratePassword();
            }

            Check(await users.CreateAsync(user, password));
        }
        else if (!string.IsNullOrEmpty(password))
        {
            var token = await users.GeneratePasswordResetTokenAsync(user);
            Check(await users.ResetPasswordAsync(user, token, password));
        }

        if (!await users.IsInRoleAsync(user, role))
        {
            Check(await users.AddToRoleAsync(user, role));
        }

        return (user, generated);
    }

    /// <summary>A random password that meets the platform's password rules.</summary>
    public static string GeneratePassword()
    {
        const string letters = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";
        const string digits = "23456789";
        var chars = new char[16];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = letters[RandomNumberGenerator.GetInt32(letters.Length)];
        }

        chars[RandomNumberGenerator.GetInt32(8)] = digits[RandomNumberGenerator.GetInt32(digits.Length)];
        chars[8 + RandomNumberGenerator.GetInt32(8)] = "abcdefghijkmnopqrstuvwxyz"[RandomNumberGenerator.GetInt32(25)];
        return new string(chars);
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new UserAccountException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}
