using System.Net.Mail;
using System.Text;
using Microsoft.Extensions.Options;
using Platform.Core.Data;

namespace Platform.Core.Identity;

/// <summary>SMTP settings (<c>Platform:Mail</c>); without a host, mail is dropped as files under the data path.</summary>
public sealed class MailOptions
{
    /// <summary>SMTP host; empty means the file drop.</summary>
    public string? SmtpHost { get; set; }

    /// <summary>SMTP port.</summary>
    public int SmtpPort { get; set; } = 587;

    /// <summary>Use STARTTLS/SSL.</summary>
    public bool EnableSsl { get; set; } = true;

    /// <summary>SMTP user name, if the server needs one.</summary>
    public string? UserName { get; set; }

    /// <summary>SMTP password.</summary>
    public string? Password { get; set; }

    /// <summary>Sender address.</summary>
    public string From { get; set; } = "no-reply@localhost";
}

/// <summary>One message to one person.</summary>
/// <param name="To">Address.</param>
/// <param name="Subject">Subject.</param>
/// <param name="Body">Plain-text body.</param>
public sealed record MailMessageData(string To, string Subject, string Body);

/// <summary>Sends mail: the seam tests replace.</summary>
public interface IMailSender
{
    /// <summary>Sends one message.</summary>
    Task SendAsync(MailMessageData message, CancellationToken cancellationToken);
}

/// <summary>Sends through SMTP when a host is configured, else writes an <c>.eml</c> file under <c>{DataPath}/mail</c>.</summary>
internal sealed class PlatformMailSender(IOptions<MailOptions> options, DatabaseLocator locator) : IMailSender
{
    public async Task SendAsync(MailMessageData message, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var mail = new MailMessage(settings.From, message.To, message.Subject, message.Body) { BodyEncoding = Encoding.UTF8, SubjectEncoding = Encoding.UTF8 };
        if (string.IsNullOrWhiteSpace(settings.SmtpHost))
        {
            var folder = Path.Combine(locator.DataPath, "mail");
            Directory.CreateDirectory(folder);
            using var client = new SmtpClient { DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory, PickupDirectoryLocation = folder };
            await client.SendMailAsync(mail, cancellationToken);
            return;
        }

        using var smtp = new SmtpClient(settings.SmtpHost, settings.SmtpPort) { EnableSsl = settings.EnableSsl };
        if (!string.IsNullOrEmpty(settings.UserName))
        {
            smtp.Credentials = new System.Net.NetworkCredential(settings.UserName, settings.Password);
        }

        await smtp.SendMailAsync(mail, cancellationToken);
    }
}
