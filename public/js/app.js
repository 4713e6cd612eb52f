// The chat page, wired together: each part (composer, chat list, chat dialog, settings) brings its
// own handlers; the state they share is in store.js. Start-up loads the chats and opens the one
// in the address (#chat=id), the last one opened here, or the newest.
import { forgetAvatars, watchReplyAvatars } from './avatars.js';
import { wireCharactersPanel } from './characters-panel.js';
import { $ } from './dom.js';
import { loadSessions, openSession } from './chat-list.js';
import { wireChatDialog } from './chat-dialog.js';
import { wireChatParameters } from './chat-parameters.js';
import { wireComposer } from './composer.js';
import { wireDrawer } from './drawer.js';
import { wireMessageTools } from './message-tools.js';
import { checkKeyBanner, wireSettings } from './settings.js';
import { banner, clearBanner, runBannerAction, words } from './status.js';
import { store } from './store.js';

function sessionFromHash() {
  const m = /chat=(\d+)/.exec(location.hash);
  return m ? Number(m[1]) : null;
}

async function start() {
  clearBanner();
  try {
    await loadSessions();
  } catch (err) {
    banner(words(err));
    return;
  }
  const sessions = store.get('sessions');
  const wanted = sessionFromHash() ?? Number(localStorage.getItem('hearth.session') ?? NaN);
  const target = sessions.find((s) => s.id === wanted) ?? sessions.at(-1);
  if (target) await openSession(target.id);
  else {
    $('empty')?.replaceChildren(
      Object.assign(document.createElement('p'), { textContent: 'No chats yet: press "+ New chat" to start one.' }),
    );
  }
  // After opening the chat, which clears the banner: the person should see that replies need a key.
  await checkKeyBanner();
}

wireComposer();
wireMessageTools();
wireDrawer();
wireChatDialog();
wireChatParameters();
wireCharactersPanel();
watchReplyAvatars($('messages'), () => store.get('session')?.character);
wireSettings({
  onTokenSaved: () => {
    forgetAvatars();
    void start();
  },
});
$('banner-close').addEventListener('click', clearBanner);
$('banner-action').addEventListener('click', runBannerAction);
window.addEventListener('hashchange', () => {
  const id = sessionFromHash();
  if (id !== null && id !== store.get('sessionId')) void openSession(id);
});
void start();
