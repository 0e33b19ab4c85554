using Platform.Core.Identity;

namespace Platform.Core.Tests.Identity;

public sealed class UserAccountsTests
{
    [Fact]
    public void GeneratePassword_WhenCalledRepeatedly_MeetsPasswordRules()
    {
        // Arrange
        const int Samples = 500;

        // Act
        var passwords = Enumerable.Range(0, Samples).Select(_ => UserAccounts.GeneratePassword()).ToList();

        // Assert: the rules of UsersModule are length >= 8, a digit and a lower-case letter.
        Assert.All(passwords, password =>
        {
            Assert.Equal(16, password.Length);
            Assert.Contains(password, char.IsAsciiDigit);
            Assert.Contains(password, char.IsAsciiLetterLower);
            Assert.All(password, c => Assert.True(char.IsAsciiLetterOrDigit(c), $"'{c}' in {password}"));
        });
    }

    [Fact]
    public void GeneratePassword_WhenCalledRepeatedly_AvoidsLookAlikeCharacters()
    {
        // Act
        var passwords = Enumerable.Range(0, 200).Select(_ => UserAccounts.GeneratePassword());

        // Assert
        Assert.All(passwords, password => Assert.DoesNotContain(password, c => "01lIO".Contains(c, StringComparison.Ordinal)));
    }

    [Fact]
    public void GeneratePassword_WhenCalledTwice_ReturnsDifferentPasswords()
    {
        // Act
        var passwords = Enumerable.Range(0, 100).Select(_ => UserAccounts.GeneratePassword()).ToList();

        // Assert
        Assert.Equal(passwords.Count, passwords.Distinct(StringComparer.Ordinal).Count());
    }
}
