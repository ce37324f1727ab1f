// The built-in signals. Each list describes a kind of language or machinery in
// general terms, drawn from how networking asks, sales pitches and bulk mail are
// written in English, Spanish, French and German - never from any single message.
// Phrase syntax is PhraseMatcher's: "*" skips up to three words, "word*" is a prefix,
// <num>/<money>/<percent>/<url> match classes. Text is folded, so write plain ASCII.
#include "classifier/rules.h"

namespace politeno::classifier {

std::vector<Signal> default_signals() {
  std::vector<Signal> s(kSignalCount);

  s[kAsk] = {"ask", "a self-contained networking ask: coffee, a call, advice, catching up", Source::kText, Role::kAsk, 3, {
      // English
      "pick your brain", "grab * coffee", "grab a bite", "buy you * coffee", "buy you lunch", "buy you a drink",
      "buy you a beer", "coffee sometime", "coffee chat", "virtual coffee", "up for * coffee", "free for coffee",
      "meet for coffee", "meet up for", "love to connect", "like to connect", "keen to connect", "open to connecting",
      "worth connecting", "love to catch up", "catch up sometime", "nice to catch up", "love to reconnect",
      "love to meet", "like to meet", "love to hear your", "love to hear how", "love to hear about your",
      "love to get your", "love your * read", "your honest read", "value your * read", "value your * eye",
      "value your perspective", "value your input", "value your feedback", "value your advice", "your feedback would",
      "get your advice", "ask your advice", "seek your advice", "ask for your advice", "your advice on",
      "get your take", "your perspective on", "compare notes", "comparing notes", "swap notes", "trade notes",
      "informational interview", "love to chat", "like to chat", "quick chat", "a short chat", "hop on a call",
      "jump on a call", "get on a call", "set up a call", "schedule a call", "<num> min call", "<num> minute call",
      "<num> minutes of your time", "few minutes of your time", "<num> minutes with you", "<num> min with you",
      "time with you", "steal <num> min*", "walk you through", "love to show you", "learn from you",
      "learn from your experience", "get together", "talk shop", "sounding board", "ear to bend",
      // Spanish
      "tomar un cafe", "un cafe", "una llamada", "comparar notas", "me encantaria conocer", "me encantaria hablar",
      "podriamos hablar", "tu consejo", "su consejo", "tu opinion", "su opinion", "platicar", "tendrias * minutos",
      "tendria * minutos", "una videollamada", "ponernos en contacto",
      // French
      "prendre un cafe", "un appel", "un echange", "seriez vous disponible", "serais tu disponible", "echanger avec vous",
      "votre avis", "vos conseils", "un rendez vous", "discuter avec vous", "faire connaissance",
      // German
      "einen kaffee", "auf einen kaffee", "ein gesprach", "ein kurzes gesprach", "ein telefonat", "hatten sie zeit",
      "ihre meinung", "ihren rat", "austauschen", "kennenlernen", "videocall", "kurzes telefonat",
      // Japanese (each character is a token)
      "お時間", "ご相談", "お話", "お茶", "コーヒー", "ご意見", "アドバイス"}};

  s[kAskForm] = {"ask_form", "a form of asking; counts with a networking topic in the same sentence", Source::kText, Role::kAskPart, 1, {
      "would you", "could you", "could i", "can i", "can you", "are you open", "open to", "up for", "willing to",
      "would love", "id love", "id * love", "wed love", "love to", "i would like", "id like", "wed like",
      "any chance", "if you have", "if youre", "if you are", "if you ever", "if you want", "do you have",
      "are you free", "free for", "available for", "would it be possible", "might you", "interested in",
      "worth a", "i was wondering", "wondering if", "hoping to", "hope to", "grateful if", "appreciate it if",
      "would mean a lot", "whenever suits", "whenever works", "what works", "id enjoy", "id value",
      "would you consider", "comfortable", "let me know if", "happy to come", "do you think you could",
      // Spanish
      "tendrias", "tendria", "podrias", "podria", "te gustaria", "le gustaria", "estarias", "estaria",
      "me encantaria", "quisiera", "seria posible",
      // French
      "seriez vous", "pourriez vous", "auriez vous", "serait il possible", "accepteriez vous", "je souhaiterais",
      "jaimerais", "seriez vous dispose",
      // German
      "wurden sie", "konnten sie", "hatten sie", "waren sie", "ob sie bereit", "ich wurde mich freuen",
      "mochte ich sie fragen", "haben sie zeit",
      "いただけ", "いただきたく", "お願い", "頂け", "でしょうか", "ませんか"}};

  s[kAskTopic] = {"ask_topic", "a networking topic; counts with a form of asking in the same sentence", Source::kText, Role::kAskPart, 1, {
      "coffee", "call", "chat", "lunch", "breakfast", "drink", "drinks", "beer", "meet", "catch up",
      "<num> minutes", "<num> min", "<num> mins", "minutes", "conversation", "advice", "mentor*", "introduc*",
      "intro", "intros", "referr*", "referral", "refer", "connect", "perspective", "feedback", "your thoughts",
      "zoom", "video", "walk", "panel", "speak", "interview", "guest", "lecture", "podcast", "advisor", "advise",
      "time with you", "your time", "find time", "make time", "your read", "dry run", "reference", "help her", "help him", "help them",
      // Spanish, French, German
      "cafe", "llamada", "minutos", "consejo", "charla", "appel", "echange", "conseil", "gesprach", "telefonat",
      "kaffee", "minuten", "rat"}};

  s[kBigAsk] = {"big_ask", "a big favour: a referral, a key introduction, a letter, an endorsement, a standing commitment",
                Source::kText, Role::kBigAsk, 2, {
      // English
      "refer me", "refer us", "referring me", "refer * internally", "a referral", "employee referral",
      "internal referral", "referral for me", "referral request", "submit * referral", "job referral",
      "put in a word", "put in a good word", "a good word", "put my name forward", "put * name forward",
      "pass my * along", "pass * my resume", "pass * my cv", "forward my resume", "forward my cv",
      "share my resume", "to the hiring manager", "introduce me", "introduce us", "intro to", "intro me",
      "intro ing me", "an intro", "quick intro", "opt in intro", "warm intro", "warm introduction",
      "introduction to", "connect me with", "connect me to", "connect us with", "connect us to",
      "be my mentor", "mentor me", "mentorship", "letter of support", "letter of recommendation",
      "recommendation letter", "reference letter", "expert letter", "a letter from you", "write a letter",
      "sign a letter", "letterhead", "endorse", "endorsement", "vouch for", "serve as a reference",
      "be a reference", "as an advisor", "as an adviser", "advisory board", "join our board", "be an advisor",
      "lend your name", "list your name", "foreword", "a blurb", "blurb for", "back cover", "board of trustees",
      "a trustee", "as a trustee", "join * board", "sit on * board", "shadow you", "shadow your", "shadowing",
      "monthly mentoring", "regular mentoring", "mentoring sessions", "ongoing mentoring", "recommend me",
      "recommend my", "a recommendation on", "linkedin recommendation", "letter of reference", "read my manuscript",
      "review my manuscript", "co author", "co write", "co present", "co sign", "introduce me to",
      "introduction to your", "put me in touch", "pass my name",
      "investors in your network", "introduce * investors", "in your network", "your network",
      "with your contacts", "share * with * investors",
      // Spanish
      "presentarme", "recomendacion", "recomendarme", "referirme", "carta de recomendacion", "tu red",
      "ponerme en contacto con", "prologo", "carta de apoyo", "ser mi mentor*", "mentoria", "patronato",
      "acompanarte una semana", "tu contacto con",
      // French
      "me presenter a", "mettre en relation", "mise en relation", "recommandation", "me recommander",
      "votre reseau", "lettre de recommandation", "lettre de soutien", "preface", "parrainage", "mentorat",
      "me mettre en contact",
      // German
      "bekannt zu machen", "bekannt machen", "vorstellung per e mail", "kontakt zu ihren", "kontakt zu",
      "empfehlung", "weiterempfehlen", "in ihrem netzwerk", "ansprechpartner*", "vorwort", "gutachten",
      "empfehlungsschreiben", "mein mentor", "meine mentorin", "als mentor", "als mentorin", "hospitieren",
      "hospitation", "vorstellen konnten",
      "紹介", "推薦", "推薦状", "メンター", "ご紹介"}};

  s[kInvitation] = {"invitation", "a personal invitation to appear, speak, be featured or join", Source::kText, Role::kInvitation, 2, {
      "to have you", "have you speak", "have you join", "if you joined", "if you would join", "if you could join",
      "love to feature you", "like to feature you", "to feature you", "on our panel", "to speak at", "to speak on",
      "speak to our", "as our guest", "be thrilled if you", "be delighted if you", "be honored if you",
      "be honoured if you",
      "invite you to", "inviting you to", "invitation to join", "personal invitation", "you have been nominated",
      "youve been nominated", "you have been selected", "youve been selected", "join us as", "as a featured",
      "as a guest", "as a speaker", "speaking slot", "to join our", "would you join", "join * panel",
      "a * panel", "be on * panel", "guest lecture", "give a talk", "give * talk", "keynote", "interview series",
      "be interviewed", "welcome you personally", "on our podcast", "on our show",
      "invitarte", "invitarle", "vous inviter", "intervenir", "einladen", "einladung"}};

  s[kReciprocity] = {"reciprocity", "the sender offers something back; counts against too_much_too_soon",
                     Source::kText, Role::kReciprocity, 2, {
      "in return", "return the favor", "return the favour", "happy to share what", "happy to share our",
      "glad to send", "happy to send you the", "id be glad to", "no strings attached", "happy to help you",
      "if its useful", "might be useful", "could be useful", "useful for your", "lunch on me", "coffee on me", "dinner on me",
      "drinks * on me", "buy the coffee", "my treat",
      "ill write the blurb", "zero effort", "anything i can do for you", "how i can help",
      "te lo comparto", "con gusto", "en echange", "im gegenzug"}};

  s[kSalesStrong] = {"sales_strong", "the language of a price: pricing, discounts, fees, packages, urgency",
                     Source::kText, Role::kSalesLanguage, 3, {
      "pricing", "our price", "our prices", "list price", "price list", "the price is", "priced at", "discount", "discounted", "<percent> off", "off list", "free trial",
      "free * pilot", "promo", "per month", "<money> month", "<money> year", "<money> per",
      "<money> a month", "<money> a year", "packages start", "package", "fee", "fees", "day rate", "hourly rate",
      "founding rate", "regularly <money>", "book a demo", "schedule a demo", "a demo", "demo", "special offer",
      "limited time", "claim your", "secure your", "secure yours", "reserve my", "reserve your",
      "spots are limited", "seats are limited", "filling quickly", "filling up", "first come", "guaranteed",
      "or you dont pay", "money back", "roi", "gift card", "amazon card", "voucher", "per seat", "per user",
      "per licence", "per license", "retainer", "early bird", "founding member", "founding customer",
      "sponsorship", "sponsored by", "prospectus", "package price", "special price", "launch offer",
      "tarif*", "remise", "devis", "rabatt", "angebot", "preis", "preise", "konditionen", "descuento",
      "precio", "tarifa", "cotizacion", "料金", "費用", "掲載料", "お見積", "プラン", "割引"}};

  s[kSales] = {"sales", "the language of selling a product or service", Source::kText, Role::kSalesLanguage, 4, {
      "our platform", "our product", "our solution", "our clients", "our customers", "teams like yours",
      "companies like yours", "teams your size", "we work with", "helps * teams", "case studies", "my calendar",
      "grab time", "grab a time", "book a time", "book time", "calendly", "if its a fit", "is a fit",
      "great fit", "natural fit", "lift in", "grow your", "boost your", "save you", "design partner*",
      "partner with", "icp", "salesperson", "free migration", "get it set up", "qualified meetings",
      "lead generation", "ghostwrit*", "outsourc*", "the services", "our services", "our offer", "we help",
      "we helped", "helps teams", "clients like", "customers like", "product preview", "live demo", "walk you through our",
      "licence", "license", "pilot programme", "pilot program",
      "nos clients", "notre offre", "notre solution", "accompagnons", "collaborer", "unsere losung",
      "unsere kunden", "nuestros clientes", "nuestra solucion"}};

  s[kSalesTitle] = {"sales_title", "a sales or partnerships job title in the signature", Source::kSignature, Role::kSalesLanguage, 1, {
      "account executive", "sales development", "business development", "partnerships", "head of sales",
      "vp sales", "vp of sales", "sales director", "director of sales", "growth partner", "sales manager",
      "sales representative", "sales rep", "account manager", "guest relations", "speaker relations",
      "membership director", "bdr", "sdr", "responsable des partenariats", "vertrieb"}};

  s[kNoAsk] = {"no_ask", "the sender says nothing is asked", Source::kText, Role::kNothingAsked, 1, {
      "no need to reply", "no need to respond", "no reply needed", "no response needed", "no action needed",
      "no action required", "nothing you need to do", "dont need to do anything", "for your records",
      "just closing the loop", "just wanted you * to know", "just wanted to let you know", "just a heads up",
      "heads up", "fyi", "nothing is outstanding"}};

  s[kBroadcast] = {"broadcast", "mail to a list or a crowd, not to the recipient", Source::kText, Role::kBulk, 3, {
      "you are receiving this", "youre receiving this", "you received this", "unsubscribe", "manage your email",
      "email preferences", "update preferences", "update your preferences", "view in browser", "view this email",
      "you are all invited", "all rights reserved", "privacy policy", "manage your notifications",
      "notification settings", "dear members", "dear colleagues", "dear all", "hello everyone", "hi everyone",
      "hey everyone", "hi all", "hello all", "hi team", "hello team", "hey team", "hi folks", "hey folks",
      "hi friends"}};

  s[kNotification] = {"notification", "the language of receipts, alerts and system notices", Source::kText, Role::kAutomated, 3, {
      "your receipt", "receipt from", "your order", "order number", "order <num>", "security alert",
      "new sign in", "verify your", "your password", "was approved", "has been approved", "approved your",
      "paid in full", "payment received", "your expense report", "requested your review", "pull request",
      "view it on github", "reply to this email directly", "workflow run", "build failed", "youre registered",
      "your registration", "is confirmed", "invitation from google calendar", "accepted your invitation",
      "your subscription", "your statement", "tracking number", "has shipped", "your account",
      // Spanish, Portuguese, French, German
      "su pedido", "tu pedido", "su factura", "tu factura", "su cuenta", "tu cuenta", "hemos recibido",
      "le informamos", "te informamos", "nueva donacion", "tu donacion", "su reserva", "localizador",
      "seu pedido", "sua conta", "recebemos", "votre commande", "votre compte", "votre facture",
      "votre releve", "nous avons bien recu", "votre reservation", "ihre bestellung", "ihr konto",
      "ihre rechnung", "ihre buchung", "wir haben * erhalten", "auftragsnummer", "sendungsverfolgung"}};

  s[kGroupGreeting] = {"group_greeting", "a greeting line addressed to a group", Source::kGreeting, Role::kBulk, 1, {
      "all", "everyone", "everybody", "team", "friends", "folks", "people", "members", "colleagues", "yall",
      "guys", "readers", "subscribers", "todos", "tous", "alle", "zusammen"}};

  s[kSalesMailer] = {"sales_mailer", "sent by a sales or marketing automation tool (X-Mailer and kin)",
                     Source::kMailerHeader, Role::kSalesMachinery, 1, {
      "outreach", "hubspot", "mailchimp", "sendinblue", "brevo", "lemlist", "marketo", "activecampaign",
      "apollo", "salesloft", "mixmax", "yesware", "reply.io", "woodpecker", "klaviyo", "constant contact",
      "sfmc", "exacttarget", "pardot", "mailerlite", "customer.io", "instantly", "smartlead", "groove",
      "close.io", "pipedrive", "zoho campaigns", "campaign monitor", "getresponse", "aweber", "convertkit"}};

  s[kCampaignHeader] = {"campaign_header", "headers that campaign and sequence tools add", Source::kHeaderName, Role::kSalesMachinery, 1, {
      "x-outreach", "x-campaign", "x-mailchimp", "x-mc-", "x-sg-", "x-hs-", "x-hubspot", "x-mailgun",
      "x-sequence", "x-lemlist", "x-apollo", "x-salesloft", "x-marketo", "x-sib-", "x-mailer-sid",
      "x-csa-complaints", "x-sfmc", "x-campaignid"}};

  s[kNoReplySender] = {"noreply_sender", "an automated sender address (no-reply, notifications ...)", Source::kLocalPart, Role::kAutomated, 1, {
      "noreply", "no-reply", "no_reply", "donotreply", "do-not-reply", "do_not_reply", "notifications",
      "notification", "notify", "mailer-daemon", "postmaster", "receipts", "alerts", "newsletter", "bounce",
      "digest", "automated", "calendar-notification", "notificaciones", "notificacoes", "notificacion",
      "avisos", "alertas", "noresponder", "no-responder", "no_responder", "naoresponda", "nao-responda",
      "ne-pas-repondre", "nepasrepondre", "ne_pas_repondre", "nepasrepondre", "keine-antwort", "keineantwort",
      "benachrichtigung", "nachricht-noreply", "reponse-automatique", "mailer", "billing", "invoices",
      "invoicing", "accounts", "accounting", "payments", "facturacion", "facturation", "rechnungen", "buchhaltung"}};

  s[kSalesSender] = {"sales_sender", "a sales or marketing role address (sales@, growth@ ...)", Source::kLocalPart, Role::kSalesMachinery, 1, {
      "sales", "marketing", "growth", "partnerships", "bizdev", "promo", "offers", "deals", "bookings", "membership"}};

  s[kPublicMailDomain] = {"public_mail_domain", "webmail domains: their Message-IDs say nothing about whose thread it is",
                          Source::kDomain, Role::kContext, 1, {
      "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "msn.com", "yahoo.com",
      "ymail.com", "icloud.com", "me.com", "mac.com", "aol.com", "proton.me", "protonmail.com", "gmx.com",
      "gmx.de", "gmx.net", "web.de", "fastmail.com", "mail.com", "yandex.com", "yandex.ru", "zoho.com",
      "hey.com", "qq.com", "163.com"}};

  s[kColdContact] = {"cold_contact", "the shape of outreach: the sender introduces themselves or says how they found you",
                     Source::kText, Role::kColdContact, 2, {
      "my name is", "i am a", "im a", "i am the", "im the", "i work as", "i lead", "i run", "we havent met",
      "we have not met", "we have never met", "we havent spoken", "you dont know me", "you do not know me",
      "i came across", "i found your", "i found you", "i read your", "i saw your", "i heard you", "i watched your",
      "your talk", "your post", "your article", "your blog", "your paper", "your book", "your podcast", "your work on",
      "your name came up", "was referred to you", "suggested i reach out", "suggested i contact", "reaching out",
      "i follow your", "long time admirer", "big fan of your",
      "me llamo", "soy estudiante", "soy un", "soy una", "no nos conocemos", "lei su", "lei tu", "vi su", "vi tu",
      "su articulo", "su charla", "tu charla", "sou estudante", "meu nome", "nao nos conhecemos", "li seu", "vi sua",
      "je m appelle", "je suis etudiant*", "nous ne nous connaissons pas", "j ai lu votre", "votre article",
      "votre presentation", "votre intervention", "ich heisse", "mein name ist", "wir kennen uns nicht",
      "ich habe ihren", "ihr vortrag", "ihren vortrag", "ihr artikel", "ihren artikel"}};

  s[kWorkLogistics] = {"work_logistics", "the business of something already agreed: logistics, deadlines, drafts, invoices",
                       Source::kText, Role::kWork, 3, {
      "thank * for agreeing", "thanks * for agreeing", "for agreeing to", "for accepting our", "as agreed", "as discussed",
      "we have booked", "has been booked", "have been booked", "is booked", "practical details", "logistics",
      "your session", "speaker pack", "confirmation no", "confirmation number", "booking reference", "e tickets",
      "your flight", "your hotel", "the venue", "dietary",
      "as promised", "following up on our", "per our conversation", "please send", "please confirm", "please review",
      "please find attached", "attached is", "attached are", "the attached", "by friday", "by monday", "by tomorrow",
      "by end of", "deadline", "due date", "agenda", "minutes of", "the draft", "first draft", "invoice",
      "purchase order", "your booking", "your order", "the contract", "renewal", "timeline", "action items",
      "next steps",
      "gracias por aceptar", "como acordamos", "adjunto", "le adjunto", "te adjunto", "plazo", "orden del dia",
      "hemos reservado", "su sesion", "tu sesion", "su vuelo", "el hotel", "logistica", "localizador",
      "factura", "el borrador", "obrigado por aceitar", "em anexo", "prazo", "fatura",
      "merci d avoir accepte", "comme convenu", "ci joint", "veuillez trouver", "date limite", "ordre du jour",
      "nous avons reserve", "votre session", "votre vol", "l hotel", "logistique",
      "le brouillon", "danke fur die zusage", "wie besprochen", "im anhang", "anbei", "frist", "tagesordnung",
      "wir haben * gebucht", "ihr vortrag am", "ihre session", "ihr flug", "das hotel", "logistik",
      "rechnung", "der entwurf", "total due", "amount due", "payment terms", "vat", "iva", "tva", "mwst",
      "ust", "po reference", "purchase order number", "bank details"}};

  s[kPersonalLife] = {"personal_life", "family and friends: relatives, birthdays, holidays, affectionate sign-offs",
                      Source::kText, Role::kPersonal, 3, {
      "mom", "mum", "mommy", "dad", "daddy", "grandma", "grandpa", "granny", "your brother", "your sister",
      "the kids", "birthday", "thanksgiving", "christmas", "lots of love", "love you", "hugs", "xoxo",
      "mama", "papa", "abuela", "abuelo", "tu hermano", "tu hermana", "cumple", "cumpleanos", "navidad",
      "nochebuena", "besos", "un beso", "te quiero", "mae", "vovo", "seu irmao", "sua irma", "natal",
      "aniversario", "beijos", "filha", "maman", "mamie", "papi", "ton frere", "ta soeur", "anniversaire",
      "noel", "bises", "bisous", "je t embrasse", "oma", "opa", "dein bruder", "deine schwester", "geburtstag",
      "weihnachten", "tata", "babcia", "dziadek", "swieta", "urodziny", "wigilia", "mamma", "pappa", "mormor",
      "farmor", "fodelsedag", "kramar", "nonna", "nonno", "compleanno", "natale", "baci"}};

  s[kAskSentence] = {"ask_sentence", "a sentence that asks (a form of asking or a question) about a networking topic",
                     Source::kStructure, Role::kAsk, 2, {}};
  s[kDirectQuestion] = {"direct_question", "an asking sentence that is also a question (\"would you ...?\")",
                        Source::kStructure, Role::kAsk, 1, {}};
  s[kSubjectTopic] = {"subject_topic", "the subject names a networking topic", Source::kStructure, Role::kAsk, 1, {}};
  s[kPersonalGreeting] = {"personal_greeting", "the greeting names the recipient", Source::kStructure, Role::kAsk, 1, {}};
  s[kTrackingPixel] = {"tracking_pixel", "a 1x1 or hidden image in the HTML", Source::kStructure, Role::kSalesMachinery, 1, {}};
  s[kLinkDensity] = {"link_density", "many links for the words (at least 4, and one per 25 words)", Source::kStructure, Role::kSalesMachinery, 1, {}};
  s[kListId] = {"list_id", "a List-Id header: mailing-list mail", Source::kStructure, Role::kBulk, 1, {}};
  s[kListUnsubscribe] = {"list_unsubscribe", "a List-Unsubscribe header: bulk mail", Source::kStructure, Role::kBulk, 1, {}};
  s[kBulkPrecedence] = {"bulk_precedence", "Precedence: bulk, list or junk", Source::kStructure, Role::kBulk, 1, {}};
  s[kAutoSubmitted] = {"auto_submitted", "Auto-Submitted other than \"no\": machine-sent", Source::kStructure, Role::kAutomated, 1, {}};
  s[kCalendarInvite] = {"calendar_invite", "a text/calendar part: a meeting invitation from a calendar", Source::kStructure, Role::kAutomated, 1, {}};
  return s;
}

}  // namespace politeno::classifier
